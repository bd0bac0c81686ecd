/* SPDX-License-Identifier: BSD-3-Clause */
/* An intrusive doubly linked list with a sentinel head, as in Linux. */
#ifndef SPDMD_LIST_H
#define SPDMD_LIST_H

#include <stdbool.h>
#include <stddef.h>

struct list_node {
	struct list_node *next;
	struct list_node *prev;
};

#define container_of(pointer, type, member)                                    \
	((type *)((char *)(pointer)-offsetof(type, member)))

static inline void list_init(struct list_node *node)
{
	node->next = node;
	node->prev = node;
}

static inline bool list_empty(const struct list_node *head)
{
	return head->next == head;
}

/* Returns whether node is in a list (it is self-linked when not). */
static inline bool list_linked(const struct list_node *node)
{
	return node->next != node;
}

static inline void list_add_tail(struct list_node *head, struct list_node *node)
{
	node->prev = head->prev;
	node->next = head;
	head->prev->next = node;
	head->prev = node;
}

/* Unlinks node and leaves it self-linked, so a second call is harmless. */
static inline void list_remove(struct list_node *node)
{
	/*
	 * The analyzer loses track of the head's next pointer through
	 * node->prev and reports loops that free each first node.
	 */
	node->prev->next = node->next; // NOLINT(clang-analyzer-unix.Malloc)
	node->next->prev = node->prev;
	list_init(node);
}

/* Moves every node of from to the end of to. */
static inline void list_splice_tail(struct list_node *to,
				    struct list_node *from)
{
	if (list_empty(from))
		return;
	from->next->prev = to->prev;
	to->prev->next = from->next;
	from->prev->next = to;
	to->prev = from->prev;
	list_init(from);
}

#endif /* SPDMD_LIST_H */
