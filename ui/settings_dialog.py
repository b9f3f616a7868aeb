"""Practice settings (admin physicians change them; others see them)."""

from __future__ import annotations

from ui.context import AppContext
from ui.dossier_forms import FormDialog
from ui.form import Field


def SettingsDialog(ctx: AppContext, parent=None) -> FormDialog:  # noqa: N802
    from desktop_app.services import settings

    fields = [Field(s.key, s.label) for s in settings.SETTINGS]
    values = {s.key: ctx.settings.get(s.key, s.default) for s in settings.SETTINGS}

    def save(session, v):
        result = settings.update(session, v)
        ctx.settings = result
        return result

    return FormDialog(ctx, "Instellingen", fields, save, values=values, parent=parent,
                      intro="Alleen een bedrijfsarts met beheerrechten kan instellingen wijzigen.")
