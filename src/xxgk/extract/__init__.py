"""Read what a fetched page says: list entries, pagination, dates, attachments and text.

Pure functions: no I/O, no clock (``as_of`` is passed in). The shapes handled are those of
real Chinese university CMSs (VSB 博达, WebPlus 苏迪, TRS, 大汉, JEECMS, old ASP table
sites). One module per job:

- ``html``: parsing and tree helpers (text as a reader sees it, links, sections)
- ``dates``: date forms in a table (``DATE_PATTERNS``) and the scanner over text
- ``chrome``: site chrome (menus, footers, breadcrumbs, copyright lines) found and removed
- ``body``: the article's main block, found by structure
- ``published``: the page's own publication date, ranked candidates with their source
- ``title``: the page's title
- ``layouts``: the list-row layouts CMSs use (``LIST_LAYOUTS``)
- ``rows``: list rows and their dates, year-less ones placed in a year
- ``pagination``: the following list pages
- ``attachments``: document links
- ``documents``: PDF, DOCX, XLSX and XLS text
- ``navigation``: a page's signposts (links with their text, breadcrumb, keywords meta)
- ``page``: the entry points that combine them
"""

from xxgk.extract.attachments import is_attachment
from xxgk.extract.dates import DATE_PATTERNS, find_dates, parse_date
from xxgk.extract.documents import attachment_chunks
from xxgk.extract.html import css_selector, parse_html, select_section
from xxgk.extract.navigation import NavLink, crumb_trail, meta_keywords, nav_links
from xxgk.extract.page import read_page

# Bumped whenever what the reader makes of a page changes: cached facts of an older
# reading are then read again, never reused (it is part of the facts cache's key).
READER_VERSION = "2"

__all__ = [
    "DATE_PATTERNS",
    "READER_VERSION",
    "NavLink",
    "attachment_chunks",
    "crumb_trail",
    "css_selector",
    "find_dates",
    "is_attachment",
    "meta_keywords",
    "nav_links",
    "parse_date",
    "parse_html",
    "read_page",
    "select_section",
]
