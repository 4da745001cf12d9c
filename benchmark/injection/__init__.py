"""Spam in the wild and under control: seeded injection of labelled spam into clean
pages (``inject``) and the robustness curves drawn from a run over them (``curves``);
spam-family patterns (``spam_patterns``) and the unlabelled-archive scan (``scan``)
that reports how much of it survives extraction; ``real``: the attacks of hacked sites
on real AEB and WCXB pages (``boilerbench injection-real``)."""
