"""The Referrals page: ask now, the pipeline board and list, the asks log, partners, rewards,
scripts, the referral KPI strip and their dialogs."""
