"""ivr-lint: check, draw and simulate phone menus (IVR/SVI) described as YAML graphs."""

__version__ = "0.2.0"
