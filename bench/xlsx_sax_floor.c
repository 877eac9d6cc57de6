// libxml2's own speed on a sheet's XML: the push parser over the extracted part, with SAX callbacks that only
// count. Nothing the XLSX reader does per cell is here, nor inflating, so this is the least its parsing can take.
// Build and run: cc -O2 bench/xlsx_sax_floor.c $(pkg-config --cflags --libs libxml-2.0) -o /tmp/xlsx_sax_floor &&
//                /tmp/xlsx_sax_floor sheet1.xml   (scripts/bench-xlsx.sh does both)
#include <fcntl.h>
#include <libxml/parser.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static long elements, text_bytes;
static void on_start(void *ctx, const xmlChar *name, const xmlChar *prefix, const xmlChar *uri, int nb_namespaces,
                     const xmlChar **namespaces, int nb_attributes, int nb_defaulted, const xmlChar **attributes) {
    elements++;
}
static void on_text(void *ctx, const xmlChar *ch, int len) { text_bytes += len; }

static double seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

int main(int argc, char **argv) {
    for (int a = 1; a < argc; a++) {
        int fd = open(argv[a], O_RDONLY);
        struct stat st;
        if (fd < 0 || fstat(fd, &st) != 0) { perror(argv[a]); return 1; }
        // Mapped and populated first, so the timing is libxml2's and not the page cache's.
        const char *bytes = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (bytes == MAP_FAILED) { perror(argv[a]); return 1; }
        xmlSAXHandler sax;
        memset(&sax, 0, sizeof sax);
        sax.initialized = XML_SAX2_MAGIC;
        sax.startElementNs = on_start;
        sax.characters = on_text;
        elements = text_bytes = 0;
        double wall = seconds(CLOCK_MONOTONIC), cpu = seconds(CLOCK_PROCESS_CPUTIME_ID);
        xmlParserCtxtPtr ctx = xmlCreatePushParserCtxt(&sax, NULL, NULL, 0, NULL);
        xmlCtxtUseOptions(ctx, XML_PARSE_NONET);
        // The reader's chunk size: what ZIPFoundation hands it.
        for (off_t off = 0; off < st.st_size; off += 65536) {
            off_t n = st.st_size - off < 65536 ? st.st_size - off : 65536;
            xmlParseChunk(ctx, bytes + off, (int)n, 0);
        }
        xmlParseChunk(ctx, NULL, 0, 1);
        xmlFreeParserCtxt(ctx);
        printf("%s: %ld elements, %ld text bytes, %.3f s wall, %.3f s cpu\n", argv[a], elements, text_bytes,
               seconds(CLOCK_MONOTONIC) - wall, seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu);
        munmap((void *)bytes, st.st_size);
        close(fd);
    }
    return 0;
}
