"""What scoring registers: the panel pack's PDF kind, and the link to a member's pack."""

from commissioning.enums import Stage
from commissioning.registry import document_builder, round_summary
from panels.scoring import pack

document_builder(pack.KIND)(pack.build_pack)
round_summary(Stage.PANELS)(pack.pack_summary)
