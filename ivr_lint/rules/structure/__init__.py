"""Structural rules: is the flow a well-formed graph a call can walk through?"""
