"""One pane per module: the screens compose them, messages go up, method calls come down."""
