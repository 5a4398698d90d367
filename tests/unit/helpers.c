// SPDX-License-Identifier: GPL-2.0-only
/*
 * Copyright (c) 2026 The dwarf2btf authors
 *
 * Helpers shared by the unit tests: string comparison messages, a raw BTF
 * dumper in bpftool's format, stderr capture.
 */
#include <errno.h>
#include <stdlib.h>
#include <unistd.h>
#include <bpf/btf.h>
#include "test.h"
#include "type_refs.h"

bool unit_streq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return !strcmp(a, b);
}

const char *unit_first_diff(const char *a, const char *b)
{
	static char buf[512];
	unsigned int line = 1;
	const char *la, *lb;

	if (!a || !b)
		return "";
	la = a;
	lb = b;
	while (*a && *a == *b) {
		if (*a == '\n') {
			line++;
			la = a + 1;
			lb = b + 1;
		}
		a++;
		b++;
	}
	snprintf(buf, sizeof(buf),
		 "--- first difference at line %u:\n  actual:   %.*s\n  expected: %.*s", line,
		 (int)strcspn(la, "\n"), la, (int)strcspn(lb, "\n"), lb);
	return buf;
}

static const char *str_at(const struct btf *btf, uint32_t off)
{
	const char *s;

	if (!off)
		return "(anon)";
	s = btf__str_by_offset(btf, off);
	return s ?: "(invalid)";
}

static const char *int_enc(uint8_t enc)
{
	switch (enc) {
	case 0:
		return "(none)";
	case BTF_INT_SIGNED:
		return "SIGNED";
	case BTF_INT_CHAR:
		return "CHAR";
	case BTF_INT_BOOL:
		return "BOOL";
	default:
		return "UNKN";
	}
}

static const char *func_linkage(uint16_t l)
{
	switch (l) {
	case BTF_FUNC_STATIC:
		return "static";
	case BTF_FUNC_GLOBAL:
		return "global";
	case BTF_FUNC_EXTERN:
		return "extern";
	default:
		return "(unknown)";
	}
}

static const char *var_linkage(uint32_t l)
{
	switch (l) {
	case BTF_VAR_STATIC:
		return "static";
	case BTF_VAR_GLOBAL_ALLOCATED:
		return "global";
	case BTF_VAR_GLOBAL_EXTERN:
		return "extern";
	default:
		return "(unknown)";
	}
}

static void dump_type(FILE *f, const struct btf *btf, uint32_t id, const struct btf_type *t)
{
	uint16_t i, vlen = btf_vlen(t);
	uint16_t kind = btf_kind(t);

	fprintf(f, "[%u] %s '%s'", id, tref__kind_name(kind), str_at(btf, t->name_off));
	switch (kind) {
	case BTF_KIND_INT: {
		uint32_t v = *(const uint32_t *)(t + 1);

		fprintf(f, " size=%u bits_offset=%u nr_bits=%u encoding=%s", t->size,
			BTF_INT_OFFSET(v), BTF_INT_BITS(v), int_enc(BTF_INT_ENCODING(v)));
		break;
	}
	case BTF_KIND_PTR:
	case BTF_KIND_CONST:
	case BTF_KIND_VOLATILE:
	case BTF_KIND_RESTRICT:
	case BTF_KIND_TYPEDEF:
		fprintf(f, " type_id=%u", t->type);
		break;
	case BTF_KIND_TYPE_TAG:
		fprintf(f, " type_id=%u", t->type);
		if (btf_kflag(t))
			fputs(" kind_flag=1", f); /* an attribute */
		break;
	case BTF_KIND_ARRAY: {
		const struct btf_array *a = btf_array(t);

		fprintf(f, " type_id=%u index_type_id=%u nr_elems=%u", a->type, a->index_type,
			a->nelems);
		break;
	}
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:
		fprintf(f, " size=%u vlen=%u", t->size, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_member *m = btf_members(t) + i;
			uint32_t bsz = btf_member_bitfield_size(t, i);

			fprintf(f, "\n\t'%s' type_id=%u bits_offset=%u", str_at(btf, m->name_off),
				m->type, btf_member_bit_offset(t, i));
			if (bsz)
				fprintf(f, " bitfield_size=%u", bsz);
		}
		break;
	case BTF_KIND_ENUM:
		fprintf(f, " encoding=%s size=%u vlen=%u", btf_kflag(t) ? "SIGNED" : "UNSIGNED",
			t->size, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_enum *v = btf_enum(t) + i;

			if (btf_kflag(t))
				fprintf(f, "\n\t'%s' val=%d", str_at(btf, v->name_off), v->val);
			else
				fprintf(f, "\n\t'%s' val=%u", str_at(btf, v->name_off),
					(uint32_t)v->val);
		}
		break;
	case BTF_KIND_ENUM64:
		fprintf(f, " encoding=%s size=%u vlen=%u", btf_kflag(t) ? "SIGNED" : "UNSIGNED",
			t->size, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_enum64 *v = btf_enum64(t) + i;
			uint64_t val = btf_enum64_value(v);

			if (btf_kflag(t))
				fprintf(f, "\n\t'%s' val=%lldLL", str_at(btf, v->name_off),
					(long long)val);
			else
				fprintf(f, "\n\t'%s' val=%lluULL", str_at(btf, v->name_off),
					(unsigned long long)val);
		}
		break;
	case BTF_KIND_FWD:
		fprintf(f, " fwd_kind=%s", btf_kflag(t) ? "union" : "struct");
		break;
	case BTF_KIND_FUNC:
		fprintf(f, " type_id=%u linkage=%s", t->type, func_linkage(btf_vlen(t)));
		break;
	case BTF_KIND_FUNC_PROTO:
		fprintf(f, " ret_type_id=%u vlen=%u", t->type, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_param *p = btf_params(t) + i;

			fprintf(f, "\n\t'%s' type_id=%u", str_at(btf, p->name_off), p->type);
		}
		break;
	case BTF_KIND_VAR:
		fprintf(f, " type_id=%u, linkage=%s", t->type, var_linkage(btf_var(t)->linkage));
		break;
	case BTF_KIND_DATASEC:
		fprintf(f, " size=%u vlen=%u", t->size, vlen);
		for (i = 0; i < vlen; i++) {
			const struct btf_var_secinfo *v = btf_var_secinfos(t) + i;

			const struct btf_type *vt = btf__type_by_id(btf, v->type);

			fprintf(f, "\n\ttype_id=%u offset=%u size=%u", v->type, v->offset, v->size);
			if (vt)
				fprintf(f, " (%s '%s')", tref__kind_name(btf_kind(vt)),
					str_at(btf, vt->name_off));
		}
		break;
	case BTF_KIND_FLOAT:
		fprintf(f, " size=%u", t->size);
		break;
	case BTF_KIND_DECL_TAG:
		fprintf(f, " type_id=%u component_idx=%d", t->type, btf_decl_tag(t)->component_idx);
		if (btf_kflag(t))
			fputs(" kind_flag=1", f);
		break;
	default:
		break;
	}
	fputc('\n', f);
}

char *unit_dump_btf(const struct btf *btf, uint32_t first_id)
{
	uint32_t id, n = btf__type_cnt(btf);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	for (id = first_id ?: 1; id < n; id++)
		dump_type(f, btf, id, btf__type_by_id(btf, id));
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

static int saved_fd = -1;
static FILE *capture_file;

bool capture_stderr_active(void)
{
	return saved_fd >= 0;
}

int capture_stderr_begin(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	if (!capture_file)
		return -errno;
	saved_fd = dup(STDERR_FILENO);
	if (saved_fd < 0 || dup2(fileno(capture_file), STDERR_FILENO) < 0) {
		int err = -errno;

		if (saved_fd >= 0)
			close(saved_fd);
		saved_fd = -1;
		fclose(capture_file);
		capture_file = NULL;
		return err;
	}
	return 0;
}

char *capture_stderr_end(void)
{
	char *buf = NULL;
	long len;

	if (saved_fd < 0)
		return NULL;
	fflush(stderr);
	dup2(saved_fd, STDERR_FILENO);
	close(saved_fd);
	saved_fd = -1;
	len = fseek(capture_file, 0, SEEK_END) ? -1 : ftell(capture_file);
	if (len >= 0 && fseek(capture_file, 0, SEEK_SET) == 0) {
		buf = calloc(1, len + 1);
		if (buf && fread(buf, 1, len, capture_file) != (size_t)len) {
			free(buf);
			buf = NULL;
		}
	}
	fclose(capture_file);
	capture_file = NULL;
	return buf;
}
