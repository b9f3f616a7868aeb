"""Practice settings (admin physicians change them; others see them). A retention period below
the law is refused at its field, by the core (``domain.settings``)."""

from __future__ import annotations

from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import Field

LONG_TEXT = {"retention_medical_reason"}


def SettingsDialog(ctx: AppContext, parent=None, *, may_change: bool | None = None) -> FormDialog:  # noqa: N802
    """``may_change``: whether the core lets this user change settings (asked when not given)."""
    from desktop_app.domain.permissions import Permission
    from desktop_app.services import settings
    from ui import permissions

    if may_change is None:
        may_change = permissions.may(ctx, Permission.SETTINGS)
    fields = [Field(s.key, s.label, kind="text" if s.key in LONG_TEXT else "line") for s in settings.SETTINGS]
    values = {s.key: ctx.settings.get(s.key, s.default) for s in settings.SETTINGS}

    def save(session, v):
        result = settings.update(session, v)
        ctx.settings = result
        return result

    rule = ("Bewaartermijnen mogen langer dan de wet, nooit korter; het medisch dossier 15 tot 20 jaar alleen met "
            "een vastgelegde reden.")
    intro = (f"Alleen een bedrijfsarts met beheerrechten kan instellingen wijzigen. {rule}" if may_change else
             f"U kunt de instellingen inzien; alleen een bedrijfsarts met beheerrechten kan ze wijzigen. {rule}")
    dialog = FormDialog(ctx, "Instellingen", fields, save, values=values, parent=parent, intro=intro)
    dialog.save_button.setVisible(may_change)
    dialog.save_button.setEnabled(may_change)
    return dialog
