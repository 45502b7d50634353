"""Today: the agenda of what is due, and doing, snoozing or handing over a task."""
