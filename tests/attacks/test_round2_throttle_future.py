"""Round 2: failure times in the future lock a user out for as long as the future is far.

``LoginThrottle.check`` waits until ``last failure + delay``, with no bound on ``last``. Two ways
to get a time in the future into ``login-attempts.json``:

- anyone who can write the data folder (the file is not authenticated, by design: deleting it
  only resets the delay) writes a failure dated 2100 for the physician; the physician's correct
  password is then refused "for 75 years" — far more than the throttle's own maximum of 300 s;
- a hurried user types a wrong password three times on a workstation whose clock runs a day
  ahead; when the clock is corrected, the throttle waits the whole day.

The delay should never exceed ``MAX_DELAY_S`` counted from now: a failure "in the future" is a
failure now.
"""

from __future__ import annotations

import json

from desktop_app.errors import LoginThrottled
from desktop_app.services.practice import login
from desktop_app.vault.throttle import MAX_DELAY_S
from tests.helpers.practices import ARTS

YEAR_2100 = 4_102_444_800.0


def test_a_failure_dated_in_the_future_delays_a_login_no_longer_than_the_maximum(bare_practice):
    (bare_practice / "login-attempts.json").write_text(json.dumps({"arts": [YEAR_2100] * 4}))
    waited = 0.0
    try:
        login(bare_practice, ARTS.username, ARTS.password).close()
    except LoginThrottled as exc:
        waited = exc.seconds
    assert waited <= MAX_DELAY_S, f"the physician must wait {waited / 86400 / 365:.0f} years"
