#!/usr/bin/env bash
# The mutation run on demand (issue #12): mutmut over the URL policy, the validation rules and
# the exporters, in that order, on a copy of HEAD so that no mutant touches the checkout.
# Not run in CI. See mutation/README.md and docs/testing.md.
#
#   mutation/run.sh                              # _urls, _rules, exporters
#   mutation/run.sh 'eventprogram._urls.*'       # one module (mutmut's mutant-name globs)
#
# PYTHON      a Python with '.[test,mutation]' installed (default: the checkout's .venv)
# WORKTREE    where the copy goes (default: a new temporary folder); reused if it exists,
#             so an interrupted run resumes where it stopped
# JOBS        mutants run at once (default 1: the machine is shared)
# SAMPLE      run only this many mutants per pattern, drawn with a fixed seed (default: all)
set -euo pipefail

checkout=$(cd "$(dirname "$0")/.." && pwd)
python=${PYTHON:-$checkout/.venv/bin/python}
worktree=${WORKTREE:-$(mktemp -d)/eventprogram}

if [ ! -d "$worktree" ]; then
    git -C "$checkout" worktree add --detach "$worktree" HEAD
fi
# tests/conftest.py looks for the shared folder beside the checkout; the tests run in
# $worktree/mutants, so it belongs at $worktree/shared.
if [ -d "$checkout/../shared" ] && [ ! -e "$worktree/shared" ]; then
    ln -s "$(cd "$checkout/../shared" && pwd)" "$worktree/shared"
fi

cd "$worktree"
# mutmut 3 does not mutate decorated functions: write the rules' @_rule(...) as a call after them.
"$python" "$checkout/mutation/undecorate.py" src/eventprogram/_rules.py
export HYPOTHESIS_PROFILE=mutation  # 10 examples per property, derandomized (tests/conftest.py)
export PYTHONPATH="$checkout/mutation${PYTHONPATH:+:$PYTHONPATH}"  # the select_by_id plugin
if [ "$#" -eq 0 ]; then
    set -- 'eventprogram._urls.*' 'eventprogram._rules.*' 'eventprogram.exporters.*'
fi
: > mutation-sample.txt  # the names drawn for SAMPLE=, which score.py counts alone
if [ -n "${SAMPLE:-}" ]; then
    # Generate the mutants (and the stats) once, draw the sample from their names, and run
    # the whole sample in one go.
    [ -d mutants ] || nice -n 10 "$python" -m mutmut run --max-children 1 'no-such-mutant' || true
    "$python" -m mutmut results --all true > mutation-results.txt
    for pattern in "$@"; do
        "$python" "$checkout/mutation/sample.py" "$pattern" "$SAMPLE" < mutation-results.txt
    done > mutation-sample.txt
    mapfile -t names < mutation-sample.txt
    nice -n 10 "$python" -m mutmut run --max-children "${JOBS:-1}" "${names[@]}"
else
    for pattern in "$@"; do
        nice -n 10 "$python" -m mutmut run --max-children "${JOBS:-1}" "$pattern"
    done
fi
"$python" -m mutmut results --all true > mutation-results.txt
"$python" "$checkout/mutation/score.py" mutation-results.txt mutation-sample.txt
echo "worktree: $worktree (survivors: cd there and run '$python -m mutmut show NAME')"
