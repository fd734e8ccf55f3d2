"""Batch audits: many schools in one run, one table across them.

- roster.py    the schools: a folder of rules files or a CSV/XLSX roster; `--shard I/N`
- state.py     a school's folder in the batch output: its task, its outcome (done.json), the lock
- worker.py    one school audited in its own process (`python -m xxgk.batch.worker TASK`)
- schedule.py  the scheduler: N worker processes, per-school time limit, resume, progress
- progress.py  one progress display for the batch (a line on a terminal, plain lines elsewhere)
- changes.py   each finished school recorded once in the history, and its change since last run
- summary.py   the table across schools, computed once from the schools' folders
- tables/      one module per summary format: summary.json, .csv, .xlsx, .html
- merge.py     the schools of several shards' outputs in one folder, and their table
"""
