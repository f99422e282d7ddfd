/*
 * Preloaded after AddressSanitizer's runtime into the server that
 * test/sanitize.sh runs (and into pg_ctl, which starts it), for two things.
 *
 * ASan's runtime, preloaded into a program that is not built with it,
 * initialises itself at the program's first malloc.  In PostgreSQL's
 * binaries that malloc comes from a library constructor (libgpg-error's)
 * inside glibc's bindtextdomain, which holds glibc's gettext lock; ASan's
 * initialisation calls dlerror, which takes that lock again and leaves it
 * broken, and the binary then hangs in its own bindtextdomain.  Every
 * bindtextdomain comes here first: the malloc below initialises ASan before
 * glibc takes the lock.
 *
 * UndefinedBehaviorSanitizer's runtime comes with our library, so it starts
 * in a backend, at its first report, and reads UBSAN_OPTIONS from
 * /proc/self/environ; but the server has written its ps title over that
 * memory by then.  It also asks __ubsan_default_options, and this one
 * answers with UBSAN_OPTIONS from the environment (the server keeps a copy
 * of it, which getenv reads).
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>

char	   *bindtextdomain(const char *domainname, const char *dirname);
const char *__ubsan_default_options(void);

char *
bindtextdomain(const char *domainname, const char *dirname)
{
	static char *(*next) (const char *, const char *);
	void	   *volatile first = malloc(1);	/* volatile: not optimised away */

	free(first);
	if (next == NULL)
		next = (char *(*) (const char *, const char *)) dlsym(RTLD_NEXT, "bindtextdomain");
	return next(domainname, dirname);
}

const char *
__ubsan_default_options(void)
{
	const char *options = getenv("UBSAN_OPTIONS");

	return options != NULL ? options : "";
}
