"""Checks of a school's annual disclosure report (信息公开工作年度报告, checklist item 6).

Pure functions over the report's text: its parts (`parts`), dates (`periods`), the figures
it claims (`figures`), combined by `check.check_report` into a `ReportCheck`, rendered by
`render`. Reading the report from a page or a document is `source.report_text`.
"""
