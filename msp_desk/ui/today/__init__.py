"""The Today page: the agenda the app opens on, with done, snooze and reassign in place."""
