/*
 * In-process timer for the memblock oracle (../shared/tools/memblock-oracle/driver.c, which #includes the
 * kernel's mm/memblock.c from Debian's linux-source package; nothing of either is copied here). build.sh here
 * compiles driver.c with the oracle's own flags and -Dmain=oracle_main and links this file, so the binary is the
 * oracle plus a clock: it prints exactly what the oracle prints on stdout, then on stderr
 * "oracle-main-ns N": the nanoseconds from entering the driver's main() to the end of its run (return, or the
 * exit() of a PANIC / script error), stdout flushed. Process start-up, exec and the dynamic loader are outside.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int oracle_main(int argc, char **argv);

static struct timespec start;

static void report(void)
{
	struct timespec end;

	fflush(stdout);
	clock_gettime(CLOCK_MONOTONIC, &end);
	fprintf(stderr, "oracle-main-ns %lld\n",
		(long long)(end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec));
}

int main(int argc, char **argv)
{
	clock_gettime(CLOCK_MONOTONIC, &start);
	atexit(report);
	return oracle_main(argc, argv);
}
