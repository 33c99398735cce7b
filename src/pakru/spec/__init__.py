"""What the report is made of, as ``report/report.yaml`` declares it: its sections, the notebooks
that tell them, the data each reads, and every parameter (type, default, allowed values, help),
declared once. :mod:`.params` reads and checks the file and the values a build or a notebook is
given; :mod:`.schema` is the file's own shape; :mod:`.notebook` is the check a notebook runs on
itself in JupyterLab or under plain papermill."""
