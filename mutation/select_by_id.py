r"""A pytest plugin for the mutation run: select tests by node id, whatever their parameters.

mutmut passes the node ids of the tests that reach a mutant on the command line. pytest can't
find an id again whose parameters it escaped (``b\xfccher``, ``\n``, a leading blank), and
then ends the run with a usage error; and when pytest runs again in the same process (as
mutmut does), it escapes those parameters once more (``b\\xfccher``). This plugin collects the
ids' files instead and keeps the items whose node id, without backslashes, is one of those
asked for.
"""

from __future__ import annotations

import pytest

_WANTED = pytest.StashKey[frozenset[str]]()


def pytest_configure(config: pytest.Config) -> None:
    """Turn the node ids among the arguments into their files, and remember the ids."""
    ids = frozenset(_key(arg) for arg in config.args if "::" in arg)
    if not ids:
        return
    config.stash[_WANTED] = ids
    files = dict.fromkeys(arg.partition("::")[0] for arg in config.args)
    config.args[:] = list(files)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Keep only the items asked for by node id, in their order of collection."""
    wanted = config.stash.get(_WANTED, None)
    if wanted is None:
        return
    kept = [item for item in items if _key(item.nodeid) in wanted]
    config.hook.pytest_deselected(items=[item for item in items if _key(item.nodeid) not in wanted])
    items[:] = kept


def _key(node_id: str) -> str:
    """The node id without the backslashes that pytest's escaping adds (once or twice)."""
    return node_id.replace("\\", "")
