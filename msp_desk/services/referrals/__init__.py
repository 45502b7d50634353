"""Referral engineering: asks, the pipeline, partners, scripts, rewards and the referral KPIs."""
