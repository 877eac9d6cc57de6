#ifndef CRECORDSINK_H
#define CRECORDSINK_H

#include <stddef.h>

/// The fields of the record libcsv is reading, back to back, with where each ends.
///
/// libcsv calls its field callback for every field of every row: a hundred million calls at province
/// scale. Written in C they copy the field and note its end without the two Swift thunks a
/// `@convention(c)` closure goes through; only the end of a record calls into Swift (`on_record`).
typedef struct rs_record {
    unsigned char *bytes;
    size_t count, capacity;
    size_t *ends;
    size_t fields, field_capacity;
    /// Set when growing a buffer failed; the fields are then incomplete.
    int out_of_memory;
    void (*on_record)(void *context);
    void *context;
} rs_record;

/// Allocates the buffers; returns 0, or -1 when out of memory.
int rs_record_init(rs_record *record, size_t bytes, size_t fields);
void rs_record_free(rs_record *record);

/// libcsv's field callback (`data` is the `rs_record`): appends the field.
void rs_record_field(void *field, size_t length, void *data);
/// libcsv's record callback: hands the record to `on_record`, then empties it.
void rs_record_end(int terminator, void *data);

#endif
