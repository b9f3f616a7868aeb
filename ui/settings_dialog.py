"""Practice settings (admin physicians change them; others see them)."""

from __future__ import annotations

from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import Field


def SettingsDialog(ctx: AppContext, parent=None, *, may_change: bool | None = None) -> FormDialog:  # noqa: N802
    """``may_change``: whether the core lets this user change settings (asked when not given)."""
    from desktop_app.domain.permissions import Permission
    from desktop_app.services import settings
    from ui import permissions

    if may_change is None:
        may_change = permissions.may(ctx, Permission.SETTINGS)
    fields = [Field(s.key, s.label) for s in settings.SETTINGS]
    values = {s.key: ctx.settings.get(s.key, s.default) for s in settings.SETTINGS}

    def save(session, v):
        result = settings.update(session, v)
        ctx.settings = result
        return result

    intro = ("Alleen een bedrijfsarts met beheerrechten kan instellingen wijzigen." if may_change else
             "U kunt de instellingen inzien; alleen een bedrijfsarts met beheerrechten kan ze wijzigen.")
    dialog = FormDialog(ctx, "Instellingen", fields, save, values=values, parent=parent, intro=intro)
    dialog.save_button.setVisible(may_change)
    dialog.save_button.setEnabled(may_change)
    return dialog
