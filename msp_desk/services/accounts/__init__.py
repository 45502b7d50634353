"""Accounts on the ladder: the recurring-revenue ledger, the account actions and their previews,
and each account's signals (referral readiness, review flags) and what the owner does about them."""
