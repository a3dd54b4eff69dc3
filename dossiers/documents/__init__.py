"""Official documents of the award dossiers: PDFs, printable views, Excel exports,
certificates, and the background jobs that produce many of them at once."""
