"""The plugin system: hook specifications (:mod:`.hookspecs`) and the manager
that discovers, registers and calls plugins (:mod:`.manager`).

Plugin authors need only :data:`hookimpl`::

    from claimcheck.plugins import hookimpl

    @hookimpl
    def claimcheck_rule_packs():
        return [Path(__file__).parent / "rules"]
"""

from claimcheck.plugins.hookspecs import PROJECT_NAME, hookimpl, hookspec

__all__ = ["PROJECT_NAME", "hookimpl", "hookspec"]
