"""The bottom layer every stage may import: settings, the shared data model, the run context, the
stage protocol, the main job's plain functions and per-file isolation. Nothing here imports a stage."""
