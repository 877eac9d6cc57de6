// libcsv's own speed on the bench's files: csv_parse over each mapped file with callbacks that only count.
// Nothing riskscreen does per field is here, so this is the least time the run's tokenising can take.
// Build and run: cc -O2 bench/libcsv_floor.c -lcsv -o /tmp/libcsv_floor && /tmp/libcsv_floor /tmp/riskscreen-bench/d10000000/*.csv
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static size_t fields, rows;
static void on_field(void *s, size_t n, void *data) { (void)s, (void)n, (void)data; fields++; }
static void on_row(int c, void *data) { (void)c, (void)data; rows++; }

int main(int argc, char **argv) {
    double total_bytes = 0, total_seconds = 0;
    for (int a = 1; a < argc; a++) {
        int fd = open(argv[a], O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) { perror(argv[a]); return 1; }
        // Mapped and populated first, so the timing is libcsv's and not the page cache's.
        char *bytes = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (bytes == MAP_FAILED) { perror(argv[a]); return 1; }
        struct csv_parser p;
        csv_init(&p, 0);
        rows = fields = 0;
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        csv_parse(&p, bytes, st.st_size, on_field, on_row, NULL);
        csv_fini(&p, on_field, on_row, NULL);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double seconds = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
        printf("%s: %.0f MB, %zu rows, %zu fields in %.3f s: %.0f MB/s\n", argv[a], st.st_size / 1e6, rows, fields, seconds,
               st.st_size / 1e6 / seconds);
        total_bytes += st.st_size, total_seconds += seconds;
        csv_free(&p);
        munmap(bytes, st.st_size);
        close(fd);
    }
    printf("in all: %.0f MB in %.3f s on one core: %.0f MB/s\n", total_bytes / 1e6, total_seconds, total_bytes / 1e6 / total_seconds);
    return 0;
}
