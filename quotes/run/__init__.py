"""Running the pipeline over texts and corpora: streaming in pieces, worker processes, the
command-line runner with its checkpoint, corpus reading and Dask."""
