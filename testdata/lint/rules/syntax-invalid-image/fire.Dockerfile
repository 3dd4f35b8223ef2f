FROM Ruby:3.3-slim
