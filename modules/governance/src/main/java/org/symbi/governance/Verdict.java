package org.symbi.governance;

public enum Verdict { APPROVE, DENY }
