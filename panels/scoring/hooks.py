"""What scoring registers: the panel pack's PDF kind."""

from commissioning.registry import document_builder
from panels.scoring import pack

document_builder(pack.KIND)(pack.build_pack)
