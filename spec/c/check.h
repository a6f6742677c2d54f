/*
** check.h: a minimal TAP producer for the C unit tests. Each test binary
** prints "ok N - name" / "not ok N - name" lines and a plan at the end;
** tools/run-tests counts them together with busted's TAP output.
*/
#ifndef BS_CHECK_H
#define BS_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_count;
static int check_failed;

static void check_report(int ok, const char *name, const char *got, const char *want) {
  check_count++;
  printf("%sok %d - %s\n", ok ? "" : "not ", check_count, name);
  if (!ok) {
    check_failed++;
    printf("#   got:  %s\n#   want: %s\n", got ? got : "(null)", want ? want : "(null)");
  }
}

/* Compares a produced string (ptr, len) with an expected NUL-terminated one. */
static void check_str(const char *name, const char *got, size_t len, const char *want) {
  char shown[512];
  size_t k = len < sizeof shown - 1 ? len : sizeof shown - 1;
  if (got) { memcpy(shown, got, k); shown[k] = '\0'; }
  check_report(got && want && len == strlen(want) && memcmp(got, want, len) == 0,
               name, got ? shown : NULL, want);
}

static void check_true(const char *name, int cond) {
  check_report(cond, name, cond ? "true" : "false", "true");
}

/* Ends a test binary: prints the plan and returns the exit status for main. */
static int check_done(void) {
  printf("1..%d\n", check_count);
  return check_failed ? 1 : 0;
}

#endif
