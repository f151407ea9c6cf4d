/** The tamper-evident ledger: append-only entries under a Merkle tree with signed checkpoints. */
package org.symbi.ledger;
