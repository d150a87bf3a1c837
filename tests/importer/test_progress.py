"""The import's progress bar shows done/total, a percentage, the rate and the time
left (it showed a bare count of files done, which read as a total)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.progress import Progress, TimeRemainingColumn

from archive_db.cli.importing import progress_columns


def test_the_bar_shows_done_of_total_rate_and_time_left() -> None:
    out = io.StringIO()
    console = Console(file=out, width=120, force_terminal=True, color_system=None)
    columns = progress_columns()
    assert any(isinstance(c, TimeRemainingColumn) for c in columns)
    with Progress(*columns, console=console, auto_refresh=False) as bar:
        task = bar.add_task("importing", total=40)
        bar.advance(task, 10)
        bar.advance(task, 10)
        bar.refresh()
    shown = out.getvalue()
    assert "20/40" in shown and "50%" in shown
    assert "files/s" in shown
