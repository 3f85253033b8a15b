"""migrator: move Python applications off the OpenAI SDK onto Mistral."""

__version__ = "0.1.0"
