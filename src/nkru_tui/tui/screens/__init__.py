"""Screens: the explorer, the help screen and the filter picker."""
