"""Progress bars for management commands (imports, printing, exports)."""


class CommandBarStream:
    """Hands tqdm's output to a command's stderr without the newline Django adds to every
    write, so the bar redraws in place (and call_command(stderr=...) captures it)."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text):
        self.wrapper.write(text, style_func=str, ending="")

    def flush(self):
        self.wrapper.flush()
