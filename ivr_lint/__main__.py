from ivr_lint.cli import main

main(prog_name="ivr-lint")
