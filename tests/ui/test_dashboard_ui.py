"""The dashboard window draws the core's figures: for the practice, then for one employer chosen
in the list; a month whose group is too small has no bar and says so in its label."""

from __future__ import annotations

import pytest

from desktop_app.services import dashboard, employers
from tests.helpers.practices import CASEMANAGER
from tests.ui.conftest import log_in

pytestmark = pytest.mark.gui


def test_the_dashboard_draws_the_practice_and_then_an_employer(qtbot, controller):
    from ui.dashboard_window import DashboardWindow

    main = log_in(qtbot, controller, CASEMANAGER)
    window = DashboardWindow(controller.ctx, main)
    qtbot.addWidget(window)
    window.resize(1366, 728)
    window.show()
    qtbot.waitUntil(lambda: window.board is not None and window.scope.count() > 1, timeout=15000)
    whole = controller.ctx.call(dashboard.practice_dashboard)
    assert window.board.scope == "Hele praktijk"
    assert window.bar_values("absence") == pytest.approx([m.absence_percentage or 0.0 for m in whole.months])
    assert window.bar_values("open") == pytest.approx(whole.open_bars)
    assert window.overdue.text() == f"Poortwachterstappen te laat: {whole.overdue}"
    employer = controller.ctx.call(employers.list_all)[0]
    window.scope.setCurrentIndex(window.scope.findData(employer.id))
    qtbot.waitUntil(lambda: window.board.scope == employer.name, timeout=15000)
    one = controller.ctx.call(dashboard.employer_dashboard, employer.id)
    assert window.bar_values("frequency") == pytest.approx([m.notification_frequency or 0.0 for m in one.months])
