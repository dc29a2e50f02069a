"""The priorities stage: evidence, the priority workshop and the specifications with their call."""
