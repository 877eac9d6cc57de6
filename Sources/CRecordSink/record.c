#include "CRecordSink.h"
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/// Copies a short field inline (most fields are under 32 bytes): a call to memcpy per field cost more than the copy.
static inline void copy(unsigned char *to, const unsigned char *from, size_t n) {
    if (n >= 8 && n <= 32) {
        // Overlapping 8-byte moves from both ends cover any length from 8 to 32.
        uint64_t a, b, c, d;
        memcpy(&a, from, 8);
        memcpy(&b, from + (n > 16 ? 8 : n - 8), 8);
        memcpy(&c, from + (n > 16 ? n - 16 : n - 8), 8);
        memcpy(&d, from + n - 8, 8);
        memcpy(to, &a, 8);
        memcpy(to + (n > 16 ? 8 : n - 8), &b, 8);
        memcpy(to + (n > 16 ? n - 16 : n - 8), &c, 8);
        memcpy(to + n - 8, &d, 8);
    } else if (n < 8) {
        for (size_t i = 0; i < n; i++) to[i] = from[i];
    } else {
        memcpy(to, from, n);
    }
}

int rs_record_init(rs_record *r, size_t bytes, size_t fields) {
    memset(r, 0, sizeof *r);
    r->bytes = malloc(bytes);
    r->ends = malloc(fields * sizeof *r->ends);
    if (!r->bytes || !r->ends) {
        rs_record_free(r);
        return -1;
    }
    r->capacity = bytes;
    r->field_capacity = fields;
    return 0;
}

void rs_record_free(rs_record *r) {
    free(r->bytes);
    free(r->ends);
    r->bytes = NULL;
    r->ends = NULL;
}

static int grow(void **buffer, size_t *capacity, size_t needed, size_t size) {
    size_t next = *capacity * 2;
    while (next < needed) next *= 2;
    void *grown = realloc(*buffer, next * size);
    if (!grown) return -1;
    *buffer = grown;
    *capacity = next;
    return 0;
}

void rs_record_field(void *field, size_t length, void *data) {
    rs_record *r = data;
    if (r->count + length > r->capacity && grow((void **)&r->bytes, &r->capacity, r->count + length, 1) != 0) {
        r->out_of_memory = 1;
        return;
    }
    if (r->fields == r->field_capacity && grow((void **)&r->ends, &r->field_capacity, r->fields + 1, sizeof *r->ends) != 0) {
        r->out_of_memory = 1;
        return;
    }
    copy(r->bytes + r->count, field, length);
    r->count += length;
    r->ends[r->fields++] = r->count;
}

void rs_record_end(int terminator, void *data) {
    (void)terminator;
    rs_record *r = data;
    if (r->on_record) r->on_record(r->context);
    r->count = 0;
    r->fields = 0;
}
