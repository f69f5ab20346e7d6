"""Write ``@_rule(...)`` on a rule as a call after it, so that mutmut mutates the rule's body.

mutmut 3 does not mutate decorated functions. In the copy that the mutation run works on,
``@_rule(args) def check(...): ...`` becomes ``def check(...): ...`` followed by
``check = _rule(args)(check)``: the same module to Python, and a body mutmut can change.

Usage: ``python undecorate.py src/eventprogram/_rules.py`` (rewrites the file in place).
"""

import sys
from pathlib import Path

import libcst as cst

DECORATOR = "_rule"


class _Undecorate(cst.CSTTransformer):
    def leave_Module(  # noqa: N802 - libcst's hook names
        self, original_node: cst.Module, updated_node: cst.Module
    ) -> cst.Module:
        del original_node
        body: list[cst.BaseStatement] = []
        for statement in updated_node.body:
            calls = (
                [d for d in statement.decorators if _is_rule(d)]
                if isinstance(statement, cst.FunctionDef)
                else []
            )
            if not isinstance(statement, cst.FunctionDef) or not calls:
                body.append(statement)
                continue
            others = [d for d in statement.decorators if not _is_rule(d)]
            body.append(statement.with_changes(decorators=others))
            name = statement.name.value
            wrapped: cst.BaseExpression = cst.Name(name)
            for decorator in reversed(calls):
                wrapped = cst.Call(func=decorator.decorator, args=[cst.Arg(wrapped)])
            body.append(
                cst.SimpleStatementLine([cst.Assign([cst.AssignTarget(cst.Name(name))], wrapped)])
            )
        return updated_node.with_changes(body=body)


def _is_rule(decorator: cst.Decorator) -> bool:
    call = decorator.decorator
    return (
        isinstance(call, cst.Call)
        and isinstance(call.func, cst.Name)
        and call.func.value == DECORATOR
    )


def main(path: str) -> None:
    """Rewrite the file at *path* in place."""
    source = Path(path)
    module = cst.parse_module(source.read_text(encoding="utf-8"))
    source.write_text(module.visit(_Undecorate()).code, encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1])
