"""Find, register and call claimcheck plugins.

:func:`get_plugins` builds a :class:`Plugins`: the built-in plugins in
:data:`DEFAULT_PLUGINS` (the core's own formats, rule packs and lookup
sources go through the same hooks as everyone else's), then the plugins
installed under the ``claimcheck`` entry-point group (limited by the
``CLAIMCHECK_LOAD_PLUGINS`` environment variable), then any plugin objects
pushed with :func:`registered_plugins` (how :mod:`claimcheck.testing` runs
the engine or the command line with a plugin for one call).

Two kinds of plugin trouble are treated differently:

* a plugin that cannot be imported, or that raises inside a hook, never
  stops a run: it becomes a :class:`~claimcheck.report.Diagnostic`
  (``CC151`` at load time, ``CC150`` in a hook) that names the plugin;
* a plugin that breaks the contract -- a hook implementation whose name or
  arguments match no hook specification -- is a
  :class:`~claimcheck.errors.ClaimcheckError` (``CC151``) at load time, so a
  misspelt hook is found by its author, not silently ignored.

Hooks are called by pluggy itself (its order, ``tryfirst``/``trylast``,
``firstresult``, hook-call monitoring).  What pluggy does not do is keep
going when one implementation raises; for that each implementation's
function is guarded when it is registered, and the guard records the
failure in the warnings of the :meth:`Plugins.call` in progress.

``CLAIMCHECK_TRACE_PLUGINS=1`` prints every hook call to stderr: its
arguments, the implementations called in order, what they returned and how
long the call took (as ``DATASETTE_TRACE_PLUGINS`` does).
"""

from __future__ import annotations

import contextvars
import difflib
import functools
import importlib
import importlib.metadata
import inspect
import logging
import os
import re
import sys
import time
import types
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable

import pluggy

from claimcheck.errors import ClaimcheckError, ErrorCode
from claimcheck.formats.base import ReportFormat
from claimcheck.lookups.base import LookupSource
from claimcheck.plugins import hookspecs
from claimcheck.report import Diagnostic

if TYPE_CHECKING:
    from claimcheck.config import ConfigLike

__all__ = [
    "DEFAULT_PLUGINS",
    "ENTRY_POINT_GROUP",
    "LOAD_PLUGINS_ENV",
    "TRACE_PLUGINS_ENV",
    "PluginInfo",
    "Plugins",
    "get_plugins",
    "hook_names",
    "registered_plugins",
]

logger = logging.getLogger(__name__)

DEFAULT_PLUGINS: tuple[str, ...] = (
    "claimcheck.formats.plugin",
    "claimcheck.rules.plugin",
    "claimcheck.lookups.plugin",
    "claimcheck.analysis.findings",
)
"""Modules registered as built-in plugins, in this order."""

ENTRY_POINT_GROUP = hookspecs.PROJECT_NAME
"""The entry-point group third-party plugins register under."""

LOAD_PLUGINS_ENV = "CLAIMCHECK_LOAD_PLUGINS"
"""Comma list of plugin (entry-point or distribution) names to load; empty loads none."""

TRACE_PLUGINS_ENV = "CLAIMCHECK_TRACE_PLUGINS"
"""Set (to anything but empty or ``0``) to print every hook call to stderr."""

_HOOK_PREFIX = "claimcheck_"

# Plugin objects pushed by registered_plugins(); get_plugins() registers them
# last, so a test's plugin is seen by an engine or CLI built inside the block.
_pushed: list[object] = []


@dataclass
class PluginInfo:
    """One registered plugin, as ``claimcheck plugins`` lists it.

    Attributes:
        name: the plugin's name (its entry-point name, or module name for built-ins).
        version: the version of the distribution that ships it, if known.
        distribution: the name of that distribution, if known.
        hooks: the hooks it implements, sorted.
        builtin: whether it is part of claimcheck itself.
    """

    name: str
    version: str | None
    distribution: str | None
    hooks: list[str] = field(default_factory=list)
    builtin: bool = False


def hook_names() -> list[str]:
    """The names of every hook in :mod:`claimcheck.plugins.hookspecs`, sorted."""
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return sorted(
        name for name, obj in vars(hookspecs).items() if name.startswith(_HOOK_PREFIX) and hasattr(obj, marker)
    )


class _PluginManager(pluggy.PluginManager):
    """A pluggy manager that also treats unmarked ``claimcheck_*`` functions as hooks.

    pluggy ignores a function without ``@hookimpl``; a plugin author who
    forgets the decorator would then see nothing happen.  Like pytest with
    ``pytest_*``, we take the name prefix as the marker, so a forgotten
    decorator still works and a misspelt name is still caught.
    """

    def parse_hookimpl_opts(self, plugin: object, name: str) -> Any:
        opts = super().parse_hookimpl_opts(plugin, name)
        if opts is not None or not name.startswith(_HOOK_PREFIX):
            return opts
        try:
            attr = inspect.getattr_static(plugin, name)
        except AttributeError:
            return None
        if not isinstance(attr, (types.FunctionType, staticmethod, classmethod)):
            return None
        return {
            "wrapper": False,
            "hookwrapper": False,
            "optionalhook": False,
            "tryfirst": False,
            "trylast": False,
            "specname": None,
        }


@dataclass
class _HookCall:
    """The :meth:`Plugins.call` in progress: where failures and named results go."""

    warnings: list[Diagnostic]
    results: list[tuple[str, Any]] = field(default_factory=list)


_current_call: contextvars.ContextVar[_HookCall | None] = contextvars.ContextVar("claimcheck_hook_call", default=None)


def _guarded(function: Callable[..., Any], plugin: str, hook: str) -> Callable[..., Any]:
    """``function`` as pluggy will call it: a failure becomes a ``CC150`` warning, the others still run."""

    @functools.wraps(function)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        call = _current_call.get()
        if call is None:  # called through pluggy directly: pluggy's own behaviour
            return function(*args, **kwargs)
        try:
            result = function(*args, **kwargs)
        except Exception as exc:  # a plugin's bug must not stop the run
            message = f"plugin {plugin!r} failed in {hook}: {_describe(exc)}"
            logger.debug("%s", message, exc_info=True)
            call.warnings.append(
                Diagnostic(code=ErrorCode.PLUGIN_FAILED.value, message=message, plugin=plugin, hook=hook)
            )
            return None
        if result is not None:
            call.results.append((plugin, result))
        return result

    return guarded


def _trace_calls(pm: pluggy.PluginManager, stream: Any = None) -> None:
    """Print each hook call, its implementations, results and time to ``stream`` (stderr)."""
    started: list[float] = []

    def write(line: str) -> None:
        print(line, file=stream or sys.stderr)

    def before(hook_name: str, hook_impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
        arguments = ", ".join(f"{key}={_short(value)}" for key, value in kwargs.items())
        write(f"claimcheck trace: {hook_name}({arguments})")
        write(f"  implementations: {', '.join(impl.plugin_name for impl in reversed(hook_impls)) or '(none)'}")
        started.append(time.perf_counter())

    def after(outcome: pluggy.Result[Any], hook_name: str, hook_impls: Sequence[pluggy.HookImpl],
              kwargs: Mapping[str, Any]) -> None:
        elapsed = (time.perf_counter() - started.pop()) * 1000 if started else 0.0
        if outcome.exception is not None:
            write(f"  raised {_describe(outcome.exception)} after {elapsed:.1f} ms")
        else:
            write(f"  returned {_short(outcome.get_result())} in {elapsed:.1f} ms")

    pm.add_hookcall_monitoring(before, after)


def _short(value: Any, limit: int = 80) -> str:
    """A one-line repr cut to ``limit`` characters (a Doc's repr is its whole text)."""
    text = " ".join(repr(value).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _trace_from_env() -> bool:
    return os.environ.get(TRACE_PLUGINS_ENV, "").strip() not in ("", "0")


def _canonical(name: str) -> str:
    """A distribution or entry-point name normalised for comparison (PEP 503)."""
    return re.sub(r"[-_.]+", "-", name).lower().strip()


def _claimcheck_version() -> str | None:
    """The installed claimcheck version, or the package's ``__version__``."""
    from claimcheck import DISTRIBUTION

    try:
        return importlib.metadata.version(DISTRIBUTION)
    except importlib.metadata.PackageNotFoundError:
        import claimcheck

        return getattr(claimcheck, "__version__", None)


def _distribution_name() -> str:
    from claimcheck import DISTRIBUTION

    return DISTRIBUTION


def _allow_list_from_env() -> set[str] | None:
    """The ``CLAIMCHECK_LOAD_PLUGINS`` allow-list: ``None`` when unset (load all)."""
    value = os.environ.get(LOAD_PLUGINS_ENV)
    if value is None:
        return None
    return {_canonical(part) for part in value.split(",") if part.strip()}


def _default_name(obj: object) -> str:
    """A readable name for a plugin object: module or class name, else its type's name."""
    if isinstance(obj, (types.ModuleType, type)):
        return obj.__name__
    return getattr(obj, "__name__", None) or type(obj).__name__


class Plugins:
    """The registered plugins and safe ways to call their hooks.

    Attributes:
        pm: the underlying :class:`pluggy.PluginManager`.
        load_warnings: problems met while loading plugins (``CC151``); the
            engine copies them into each report's warnings.
    """

    def __init__(self) -> None:
        self.pm: pluggy.PluginManager = _PluginManager(hookspecs.PROJECT_NAME)
        self.pm.add_hookspecs(hookspecs)
        self.load_warnings: list[Diagnostic] = []
        self._meta: dict[str, tuple[str | None, str | None, bool]] = {}
        if _trace_from_env():
            _trace_calls(self.pm)

    # -- registration ----------------------------------------------------

    def register(
        self,
        obj: object,
        name: str | None = None,
        *,
        distribution: str | None = None,
        version: str | None = None,
        builtin: bool = False,
    ) -> str:
        """Register a plugin object (a module, class or instance with hook implementations).

        Args:
            obj: the plugin.
            name: its name in warnings and ``claimcheck plugins``; defaults to
                the module or class name (made unique with a ``-2`` suffix).
            distribution: the distribution that ships it, for listing.
            version: that distribution's version, for listing.
            builtin: whether it is part of claimcheck itself.

        Returns:
            The name it was registered under (the existing name if ``obj`` was
            already registered).

        Raises:
            ClaimcheckError: ``CC151`` when it implements a hook that does not
                exist, with arguments the hook does not have, or as a wrapper.
        """
        existing = self.pm.get_name(obj)
        if existing is not None:
            return existing
        if name is None:
            base = _default_name(obj)
            name, n = base, 1
            while self.pm.has_plugin(name):
                n += 1
                name = f"{base}-{n}"
        elif self.pm.has_plugin(name):
            raise ClaimcheckError(
                ErrorCode.PLUGIN_LOAD, f"two plugins are named {name!r}; uninstall one of them or rename it"
            )
        self._check_contract(obj, name)
        registered = self.pm.register(obj, name=name)
        assert registered == name
        self._meta[name] = (distribution, version, builtin)
        for caller in self.pm.get_hookcallers(obj) or []:
            for impl in caller.get_hookimpls():
                if impl.plugin is obj:
                    # pluggy marks the slot Final, but it is where pluggy looks the
                    # function up on each call: guarding it here keeps pluggy's own
                    # call loop, order and monitoring, and isolates this plugin.
                    impl.function = _guarded(impl.function, name, caller.name)  # type: ignore[misc]
        return name

    def unregister(self, name: str) -> None:
        """Remove a plugin by name (does nothing if it is not registered)."""
        if self.pm.has_plugin(name):
            self.pm.unregister(name=name)
        self._meta.pop(name, None)

    def _check_contract(self, obj: object, name: str) -> None:
        """Fail loudly, before registering, on an implementation that matches no hook or is a wrapper.

        pluggy would accept an unknown hook name (it may be specified later)
        and reports a bad argument with a multi-line message; claimcheck's
        hooks are all known up front, so both are checked here from the
        hook specifications, and the message names what to change.
        """
        known = hook_names()
        for attr in dir(obj):
            opts = self.pm.parse_hookimpl_opts(obj, attr)
            if opts is None:
                continue
            hook = opts.get("specname") or attr
            caller = getattr(self.pm.hook, hook, None)
            if caller is None or caller.spec is None:
                if opts.get("optionalhook"):
                    continue
                close = difflib.get_close_matches(hook, known, n=1)
                hint = f"; did you mean {close[0]!r}?" if close else f"; the hooks are: {', '.join(known)}"
                raise ClaimcheckError(ErrorCode.PLUGIN_LOAD, f"plugin {name!r} implements unknown hook {hook!r}{hint}")
            if opts.get("wrapper") or opts.get("hookwrapper"):
                # A wrapper's failure could not be pinned on one plugin and
                # skipped like a plain implementation's; refuse it openly.
                raise ClaimcheckError(
                    ErrorCode.PLUGIN_LOAD,
                    f"plugin {name!r} implements {hook!r} as a wrapper; claimcheck hooks do not support wrappers",
                )
            extra = sorted(set(_required_arguments(getattr(obj, attr))) - set(caller.spec.argnames))
            if extra:
                raise ClaimcheckError(
                    ErrorCode.PLUGIN_LOAD,
                    f"plugin {name!r} implements {hook} with argument(s) {set(extra)} that the hook does not have "
                    f"(it has: {', '.join(caller.spec.argnames)})",
                )

    def load_builtins(self, modules: Sequence[str] = DEFAULT_PLUGINS) -> None:
        """Import and register the built-in plugin modules.

        A module that cannot be imported is skipped with a ``CC151`` warning
        rather than stopping claimcheck, so that one broken built-in (or one
        not yet written) costs only its own feature.
        """
        version = _claimcheck_version()
        for module_name in modules:
            try:
                module = importlib.import_module(module_name)
            except Exception as exc:  # any import-time failure is the plugin's, not the run's
                self._load_warning(module_name, f"built-in plugin {module_name!r} could not be loaded: {_describe(exc)}")
                continue
            self.register(module, module_name, distribution=_distribution_name(), version=version, builtin=True)

    def load_entrypoints(self, allow: set[str] | None = None) -> None:
        """Load and register third-party plugins from the ``claimcheck`` entry-point group.

        Args:
            allow: canonical names (entry point or distribution) to load;
                ``None`` loads every plugin, an empty set none.
        """
        if allow is not None and not allow:
            return
        matched: set[str] = set()
        for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP):
            dist = getattr(ep, "dist", None)
            dist_name: str | None = dist.metadata["Name"] if dist is not None else None
            dist_version: str | None = dist.version if dist is not None else None
            if allow is not None:
                keys = {_canonical(ep.name)} | ({_canonical(dist_name)} if dist_name else set())
                if not keys & allow:
                    continue
                matched |= keys & allow
            self._load_entrypoint(ep, dist_name, dist_version)
        for missing in sorted((allow or set()) - matched):
            self._load_warning(
                missing, f"{LOAD_PLUGINS_ENV} names {missing!r}, but no installed claimcheck plugin has that name"
            )

    def _load_entrypoint(self, ep: importlib.metadata.EntryPoint, dist_name: str | None, version: str | None) -> None:
        """Import one entry point and register it; import errors become warnings."""
        origin = f" (from {dist_name} {version})" if dist_name else ""
        if self.pm.has_plugin(ep.name):
            self._load_warning(ep.name, f"plugin {ep.name!r}{origin} skipped: another plugin already has that name")
            return
        try:
            obj = ep.load()
        except Exception as exc:  # a broken third-party plugin must not stop the run
            self._load_warning(ep.name, f"plugin {ep.name!r}{origin} could not be loaded: {_describe(exc)}")
            return
        if self.pm.is_registered(obj):
            # The same object under a second entry point (or a built-in that is
            # also declared as an entry point): registering it twice would run it twice.
            logger.debug("plugin %r%s is already registered as %r", ep.name, origin, self.pm.get_name(obj))
            return
        self.register(obj, ep.name, distribution=dist_name, version=version)

    def _load_warning(self, plugin: str, message: str) -> None:
        self.load_warnings.append(Diagnostic(code=ErrorCode.PLUGIN_LOAD.value, message=message, plugin=plugin))
        logger.debug("%s", message)

    # -- calling ---------------------------------------------------------

    def call(self, hook_name: str, warnings: list[Diagnostic], **kwargs: Any) -> list[Any]:
        """Call a hook through pluggy, isolating failures.

        pluggy passes each implementation only the arguments it declares (so
        plugins written for fewer arguments keep working) and calls them
        last registered first, ``tryfirst``/``trylast`` respected.  An
        exception from a plugin is caught and appended to ``warnings`` as a
        ``CC150`` diagnostic naming the plugin and the hook.

        Args:
            hook_name: a hook from :mod:`claimcheck.plugins.hookspecs`.
            warnings: where failures are recorded.
            **kwargs: the hook's arguments.

        Returns:
            The non-``None`` results, in pluggy's call order.
        """
        return [result for _, result in self.call_with_names(hook_name, warnings, **kwargs)]

    def call_with_names(self, hook_name: str, warnings: list[Diagnostic], **kwargs: Any) -> list[tuple[str, Any]]:
        """Like :meth:`call`, but pairs each result with the name of the plugin that returned it."""
        caller = getattr(self.pm.hook, hook_name, None)
        if caller is None or not caller.has_spec():
            raise ValueError(f"no such claimcheck hook: {hook_name!r}")
        call = _HookCall(warnings)
        token = _current_call.set(call)
        try:
            caller(**kwargs)
        finally:
            _current_call.reset(token)
        return call.results

    def _collect(self, hook_name: str, warnings: list[Diagnostic], **kwargs: Any) -> Iterator[tuple[str, Any]]:
        """Flatten list results of a hook, in registration order (built-ins first)."""
        for plugin, result in reversed(self.call_with_names(hook_name, warnings, **kwargs)):
            items = result if isinstance(result, (list, tuple)) else [result]
            for item in items:
                yield plugin, item

    def _bad_result(self, warnings: list[Diagnostic], plugin: str, hook: str, problem: str) -> None:
        warnings.append(
            Diagnostic(
                code=ErrorCode.PLUGIN_FAILED.value,
                message=f"plugin {plugin!r} returned {problem} from {hook}; ignored",
                plugin=plugin,
                hook=hook,
            )
        )

    def report_formats(self, warnings: list[Diagnostic]) -> dict[str, ReportFormat]:
        """Every report format by name; on a name clash the earlier-registered plugin wins."""
        hook = "claimcheck_report_formats"
        formats: dict[str, ReportFormat] = {}
        owner: dict[str, str] = {}
        for plugin, fmt in self._collect(hook, warnings):
            if not isinstance(fmt, ReportFormat) or not isinstance(getattr(fmt, "name", None), str):
                self._bad_result(warnings, plugin, hook, f"{type(fmt).__name__}, not a ReportFormat,")
                continue
            if fmt.name in formats:
                warnings.append(
                    Diagnostic(
                        code=ErrorCode.PLUGIN_FAILED.value,
                        message=(
                            f"report format {fmt.name!r} from plugin {plugin!r} ignored: "
                            f"plugin {owner[fmt.name]!r} already provides it"
                        ),
                        plugin=plugin,
                        hook=hook,
                    )
                )
                continue
            formats[fmt.name] = fmt
            owner[fmt.name] = plugin
        return formats

    def rule_pack_paths(self, warnings: list[Diagnostic]) -> list[Path]:
        """Every rule-pack path (file or folder) plugins ship, built-ins first, without duplicates."""
        hook = "claimcheck_rule_packs"
        paths: list[Path] = []
        for plugin, item in self._collect(hook, warnings):
            if not isinstance(item, (str, os.PathLike)):
                self._bad_result(warnings, plugin, hook, f"{type(item).__name__}, not a path,")
                continue
            path = Path(item)
            if not path.exists():
                self._bad_result(warnings, plugin, hook, f"a rule pack that does not exist ({path})")
                continue
            if path not in paths:
                paths.append(path)
        return paths

    def lookup_sources(self, config: ConfigLike, warnings: list[Diagnostic]) -> list[LookupSource]:
        """Every lookup source plugins offer for this configuration, built-ins first."""
        hook = "claimcheck_lookup_sources"
        sources: list[LookupSource] = []
        for plugin, source in self._collect(hook, warnings, config=config):
            if not isinstance(source, LookupSource):
                self._bad_result(warnings, plugin, hook, f"{type(source).__name__}, not a LookupSource,")
                continue
            sources.append(source)
        return sources

    # -- listing ---------------------------------------------------------

    def list_plugins(self) -> list[PluginInfo]:
        """Every registered plugin, in registration order, with the hooks it implements."""
        infos: list[PluginInfo] = []
        for name, obj in self.pm.list_name_plugin():
            if obj is None:  # a blocked name
                continue
            distribution, version, builtin = self._meta.get(name, (None, None, False))
            hooks = sorted(caller.name for caller in self.pm.get_hookcallers(obj) or [])
            infos.append(PluginInfo(name, version, distribution, hooks, builtin))
        return infos

    def __contains__(self, name: str) -> bool:
        return self.pm.has_plugin(name)


def _required_arguments(function: Callable[..., Any]) -> list[str]:
    """The arguments pluggy passes by name: the positional ones without a default (``self`` excluded)."""
    try:
        parameters = inspect.signature(function).parameters.values()
    except (TypeError, ValueError):
        return []
    kinds = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
    names = [p.name for p in parameters if p.kind in kinds and p.default is inspect.Parameter.empty]
    # A class registered as a plugin: its methods are unbound, and pluggy, too, ignores their ``self``.
    if names[:1] == ["self"] and "." in getattr(function, "__qualname__", ""):
        names = names[1:]
    return names


def _describe(exc: BaseException) -> str:
    """``ExcType: message`` on one line."""
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


@contextmanager
def registered_plugins(*objs: object) -> Iterator[None]:
    """Make every :func:`get_plugins` call inside the block also register ``objs``.

    This is how :mod:`claimcheck.testing` runs an engine or the command line
    with a plugin that is not installed.  Blocks nest; leaving one removes
    exactly the objects it added.
    """
    start = len(_pushed)
    _pushed.extend(objs)
    try:
        yield
    finally:
        del _pushed[start:]


def get_plugins(*, load_entrypoints: bool = True, extra: Iterable[object] = ()) -> Plugins:
    """Build a new :class:`Plugins` (not cached: the caller keeps it).

    Registers the built-ins, then (if ``load_entrypoints``) the installed
    plugins allowed by ``CLAIMCHECK_LOAD_PLUGINS``, then ``extra``, then
    any objects pushed with :func:`registered_plugins`.

    Raises:
        ClaimcheckError: ``CC151`` when a plugin implements an unknown hook.
    """
    plugins = Plugins()
    plugins.load_builtins()
    if load_entrypoints:
        plugins.load_entrypoints(_allow_list_from_env())
    for obj in (*extra, *_pushed):
        plugins.register(obj)
    return plugins
