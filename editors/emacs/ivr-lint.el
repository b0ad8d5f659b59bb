;;; ivr-lint.el --- ivr-lint language server through eglot
;; Emacs 29+ (eglot built in), or Emacs 28 with eglot from ELPA (Debian: elpa-eglot).
;; Load it from your init file: (load "/path/to/editors/emacs/ivr-lint.el")
(require 'eglot)
(add-to-list 'eglot-server-programs
             '((yaml-mode yaml-ts-mode) . ("ivr-lint" "server")))
;; Start it in every YAML buffer (or run M-x eglot by hand):
(add-hook 'yaml-mode-hook #'eglot-ensure)
(add-hook 'yaml-ts-mode-hook #'eglot-ensure)
;;; ivr-lint.el ends here
