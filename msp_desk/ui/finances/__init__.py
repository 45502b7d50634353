"""The Spend & revenue page: marketing spend by month and channel, one-off revenue."""
