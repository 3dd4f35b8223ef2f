import "./controllers"
