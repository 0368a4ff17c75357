"""Checks a notebook executed by `jupyter nbconvert --execute`.

Usage: python3 .ci/check-executed-notebook.py EXECUTED.ipynb NAME

Fails (exit 1, one line naming NAME) when a code cell has an error output, a non-empty code cell was not
executed, or a cell that calls Display.png or Display.image has no image/png output; else prints one line:
the number of code cells and of image/png figures.
"""
import json
import re
import sys

executed, name = sys.argv[1], sys.argv[2]
problems, figures = [], 0
with open(executed, encoding="utf-8") as f:
    code = [c for c in json.load(f)["cells"] if c["cell_type"] == "code"]
for number, cell in enumerate(code, 1):
    source = "".join(cell["source"])
    outputs = cell.get("outputs", [])
    for o in outputs:
        if o["output_type"] == "error":
            problems.append(f"code cell {number}: {o['ename']}: {o['evalue']}")
    if source.strip() and cell.get("execution_count") is None:
        problems.append(f"code cell {number} was not executed")
    images = sum(1 for o in outputs if "image/png" in o.get("data", {}))
    figures += images
    if re.search(r"\bDisplay\.(png|image)\(", source) and images == 0:
        problems.append(f"code cell {number} shows a figure but has no image/png output")
if problems:
    sys.exit(f".ci/notebooks: {name}: " + "; ".join(problems))
print(f"{name}: {len(code)} code cells, {figures} figures as image/png")
