from .rules import ENTRANCE, PUBLIC, SIGNED_IN, Rule

# allauth: entrance pages are public; management pages need a signed-in person.
RULES = {
    "account_login": Rule(ENTRANCE),
    "account_signup": Rule(ENTRANCE),
    "account_logout": Rule(PUBLIC, check=False, notes="signs out on POST"),
    "account_inactive": Rule(PUBLIC),
    "account_email_verification_sent": Rule(PUBLIC),
    "account_confirm_email": Rule(PUBLIC, check=False, notes="key in the emailed link"),
    "account_confirm_login_code": Rule(PUBLIC, check=False, notes="login-by-code is off"),
    "account_reset_password": Rule(PUBLIC),
    "account_reset_password_done": Rule(PUBLIC),
    "account_reset_password_from_key": Rule(PUBLIC, check=False, notes="key in the email"),
    "account_reset_password_from_key_done": Rule(PUBLIC),
    "account_email": Rule(SIGNED_IN),
    "account_change_password": Rule(SIGNED_IN),
    "account_set_password": Rule(SIGNED_IN, check=False, notes="redirects when a password exists"),
    "account_reauthenticate": Rule(SIGNED_IN),
    "account_request_reauthentication_code": Rule(SIGNED_IN, check=False),
    "account_confirm_reauthentication_code": Rule(SIGNED_IN, check=False),
    "mfa_index": Rule(SIGNED_IN),
    "mfa_authenticate": Rule(PUBLIC, check=False, notes="second step of a sign-in"),
    "mfa_reauthenticate": Rule(SIGNED_IN, check=False),
    "mfa_activate_totp": Rule(SIGNED_IN, check=False, notes="asks to reauthenticate first"),
    "mfa_deactivate_totp": Rule(SIGNED_IN, check=False),
    "mfa_view_recovery_codes": Rule(SIGNED_IN, check=False),
    "mfa_generate_recovery_codes": Rule(SIGNED_IN, check=False),
    "mfa_download_recovery_codes": Rule(SIGNED_IN, check=False),
    # Everyone's own sessions; signing out elsewhere: tests/accounts/test_sessions.py
    "usersessions_list": Rule(SIGNED_IN),
}


def samples(personas):
    return {}
