;;; capture.el --- Emacs with eglot on one flow, printing the diagnostics flymake holds
;; For the README and for testing (tests/server/test_emacs.py):
;;   emacs --batch -l editors/emacs/capture.el examples/broken-menu.yaml
;; Loads editors/emacs/ivr-lint.el (IVR_LINT_EL overrides the file), opens the flow as the
;; command loop would (so `eglot-ensure' connects), waits up to 60 s for diagnostics, prints
;; them as FILE:LINE:COLUMN: TYPE MESSAGE, then quits. `ivr-lint' must be on the PATH.
(require 'package)
(package-initialize)  ; Debian's elpa-eglot (Emacs 28); eglot is built in from Emacs 29
(require 'eglot)
(unless (require 'yaml-mode nil t)  ; without elpa-yaml-mode: a plain mode of that name
  (define-derived-mode yaml-mode prog-mode "YAML")
  (add-to-list 'auto-mode-alist '("\\.ya?ml\\'" . yaml-mode)))
(load (or (getenv "IVR_LINT_EL")
          (expand-file-name "ivr-lint.el" (file-name-directory (or load-file-name buffer-file-name)))))
(find-file (car command-line-args-left))
(setq command-line-args-left nil)
(run-hooks 'post-command-hook)  ; what the command loop runs after find-file: eglot-ensure connects
(let ((deadline (+ (float-time) 60)) found)
  (while (and (not found) (< (float-time) deadline))
    (accept-process-output nil 0.1)
    (when (bound-and-true-p flymake-mode) (flymake-start))
    (setq found (flymake-diagnostics)))
  (dolist (d (sort found (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
    (save-excursion
      (goto-char (flymake-diagnostic-beg d))
      (princ (format "%s:%d:%d: %s %s\n" (file-relative-name buffer-file-name) (line-number-at-pos)
                     (1+ (current-column)) (flymake-diagnostic-type d) (flymake-diagnostic-text d)))))
  (unless found (princ "no diagnostics within 60 s\n")))
(kill-emacs 0)
;;; capture.el ends here
