"""The leaders' cockpit (领导驾驶舱): ``figures`` reads it, ``views`` shows it."""
