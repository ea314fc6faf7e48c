"""UI page modules, one per area; ``ui.routes`` gathers their routers."""
