# What `snakemake --report report.zip` shows: the release's figures and its quality report, copied from the
# published release beside Snakemake's own records (a local rule: docs/architecture.md).

localrules:
    report_files,


rule report_files:
    input:
        record=rules.publish.output.record,
    output:
        figures=report(
            directory(f"{OUT}/work/report/figures"),
            patterns=["{figure}.svg"],
            caption="../report/figures.rst",
            category="Figures",
        ),
        quality=report(
            f"{OUT}/work/report/quality_report.html",
            caption="../report/quality_report.rst",
            category="Quality",
        ),
    log:
        f"{OUT}/logs/report_files.log",
    conda:
        ENV
    run:
        from tip_gms.publishing import snakemake_report

        snakemake_report.copy(OUT, figures=output.figures, quality_report=output.quality)
