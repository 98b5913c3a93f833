"""The input side: reading what the user gives (``inputs``) and repairing it
(``normalise``) while keeping a map from every character back to the original."""
